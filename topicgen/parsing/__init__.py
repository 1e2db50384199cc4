"""The parsing stage: a guide's markdown body to its typed sections (tags, nesting, Markdown, sanitizing)."""
