"""topicgen: topic guides in, typed model and themed static pages out."""

__version__ = "0.1.0"
