"""`topicgen serve`: the preview server, its watcher and what it adds to the pages it serves."""
