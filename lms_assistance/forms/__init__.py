"""Forms of the assistance desk, one module per area."""
