"""The remote: a running session followed and controlled from a browser on the local network."""
