"""Where files live, the settings, and finding, loading and checking routine files."""
