"""The build cache, outside the site: parsed guides by content, and what the last build read and wrote."""
