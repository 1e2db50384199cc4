"""Site search: one rule for splitting text into terms, and MiniSearch indexes built from the model."""
