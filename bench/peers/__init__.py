"""Shared pieces of the benchmarks: passages, scoring, and the off-the-shelf peer retrievers.

Every peer indexes exactly the passages krampe's readers produce, so only retrieval differs.
"""
