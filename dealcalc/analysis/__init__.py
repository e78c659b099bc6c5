"""Analyses over the model (DESIGN §3.6): `diff`, `sweep`, `sensitivity`, `simulate`, and the
worker pool that runs the big ones in parallel (`pool`). Plain functions on typed scenarios that a
notebook can call; no I/O beyond loading files, no command-line knowledge, no module state."""
