"""Evaluation metrics, one implementation for the CLI (`krampe eval`) and bench/."""
