# SPDX-License-Identifier: GPL-3.0-or-later
# Sources of core/evaluate (paths relative to core/): the detection evaluation on a labelled demo ledger, which
# needs both the generator and the pipeline.
list(APPEND core_SOURCES
    evaluate/Evaluation.cpp evaluate/Evaluation.h
)
