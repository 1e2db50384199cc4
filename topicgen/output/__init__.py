"""The output stage: the site written into the output folder in one commit, and the model as JSON."""
