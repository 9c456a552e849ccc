"""Services: the three lists (needs, resources, projects), the need workflow and visits."""
