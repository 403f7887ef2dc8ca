"""Rule implementations, one module per family; each module registers its rules on import."""
