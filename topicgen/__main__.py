"""`python -m topicgen` runs the command line."""

from topicgen.cli import run

run()
