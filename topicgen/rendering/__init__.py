"""The rendering stage: the plan of the site's pages from the collection, and the theme that renders them."""
