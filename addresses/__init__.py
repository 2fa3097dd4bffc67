"""Oscar's address app, forked (label ``address``): a saved address records the buyer's consent to
keeping it, as Vietnam's personal-data rules ask."""
