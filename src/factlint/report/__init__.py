"""Writers that render a Report: one small module per format."""
