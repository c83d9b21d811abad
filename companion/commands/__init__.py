"""Command handlers: one module per area, each imported only when its command runs."""
