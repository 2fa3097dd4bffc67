"""Orders: Oscar's order app, forked (label ``order``): creation, the status pipeline, messages."""
