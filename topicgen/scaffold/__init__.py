"""`topicgen new`: a project, or a guide of one, made from the template shipped in `project/`."""
