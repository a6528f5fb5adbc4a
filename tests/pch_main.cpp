// SPDX-License-Identifier: GPL-3.0-or-later
// The target that builds the tests' shared precompiled header (tests/CMakeLists.txt).
int main()
{
    return 0;
}
