"""Translation status: how each guide's translations compare with the source-language guide."""
