"""The full-screen Textual app. Only this package imports Textual; it reaches data through the core."""
