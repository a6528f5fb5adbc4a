// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

// The libFuzzer entry point each fuzz_<parser>.cpp defines. Built with clang and -fsanitize=fuzzer (WITH_FUZZERS)
// it is a real fuzzer; built with any compiler and fuzz_driver.cpp it is a plain program that feeds it a seed
// corpus and deterministic mutations of it (the CTest runs). The target must accept any bytes without crashing,
// hanging or tripping a sanitizer; it returns 0.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
