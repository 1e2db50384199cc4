"""The reading stage: source files found, front matter split, guides parsed and gathered into a collection."""
