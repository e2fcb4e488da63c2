"""Features that the lead engineer wires into the build."""
