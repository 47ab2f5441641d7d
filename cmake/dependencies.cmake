# The optional parts' dependencies, each probed so that an absent or broken
# package only sets RECTIFY_HAVE_<NAME> to FALSE: never a configure error.
# Included from the top-level CMakeLists.txt. Packages whose CMake config
# files run code of their own (GoogleTest's) are tried in a separate CMake
# run first (rectify_probe_config_package); header-only libraries and plain
# libraries are found by their files. The benchmark peers are probed in
# bench/peers/CMakeLists.txt, the same way.
#
# Each RECTIFY_HAVE_<NAME> comes with RECTIFY_<NAME>_TEXT, what the status
# line of a part left out names (with the Debian package):
#
#   RECTIFY_HAVE_GTEST     GTest::gtest and GTest::gtest_main   (tests)
#   RECTIFY_HAVE_MPFR      rectify_mpfr (an interface target)   (tests, tools)
#   RECTIFY_HAVE_CLI11     rectify_cli11 (an interface target)  (tools, benchmarks)
#   RECTIFY_HAVE_ZLIB      ZLIB::ZLIB                           (trainer)
#   RECTIFY_HAVE_OPENBLAS  PkgConfig::RECTIFY_OPENBLAS          (trainer)

# Skips the probes of the parts that are OFF, so that a library-only build
# does not look for them at all.
macro(rectify_wanted out)
  set(${out} FALSE)
  foreach(part ${ARGN})
    if(RECTIFY_BUILD_${part} STREQUAL "AUTO" OR RECTIFY_BUILD_${part})
      set(${out} TRUE)
    endif()
  endforeach()
endmacro()

set(RECTIFY_HAVE_GTEST FALSE)
set(RECTIFY_GTEST_TEXT "GoogleTest (libgtest-dev)")
rectify_wanted(want TESTS)
if(want)
  rectify_probe_config_package(GTest gtest_works gtest_problem)
  if(NOT gtest_works AND NOT gtest_problem STREQUAL "GTest: not installed")
    set(RECTIFY_GTEST_TEXT "GoogleTest (libgtest-dev), ${gtest_problem}")
  endif()
  if(gtest_works)
    find_package(GTest CONFIG)
    if(TARGET GTest::gtest AND TARGET GTest::gtest_main)
      set(RECTIFY_HAVE_GTEST TRUE)
    endif()
  endif()
endif()

# MPFR (the exact values of tools/verify) and GCC's libquadmath beside it.
set(RECTIFY_HAVE_MPFR FALSE)
set(RECTIFY_MPFR_TEXT "MPFR (libmpfr-dev)")
rectify_wanted(want TESTS TOOLS)
if(want)
  find_library(RECTIFY_MPFR_LIBRARY mpfr)
  find_path(RECTIFY_MPFR_INCLUDE_DIR mpfr.h)
  find_library(RECTIFY_QUADMATH_LIBRARY NAMES quadmath libquadmath.so.0
               HINTS ${CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES})
  mark_as_advanced(RECTIFY_MPFR_LIBRARY RECTIFY_MPFR_INCLUDE_DIR RECTIFY_QUADMATH_LIBRARY)
  if(RECTIFY_MPFR_LIBRARY AND RECTIFY_MPFR_INCLUDE_DIR AND RECTIFY_QUADMATH_LIBRARY)
    add_library(rectify_mpfr INTERFACE)
    target_include_directories(rectify_mpfr SYSTEM INTERFACE "${RECTIFY_MPFR_INCLUDE_DIR}")
    target_link_libraries(rectify_mpfr INTERFACE
      "${RECTIFY_MPFR_LIBRARY}" "${RECTIFY_QUADMATH_LIBRARY}")
    set(RECTIFY_HAVE_MPFR TRUE)
  endif()
endif()

# CLI11 is header-only: its header is all it takes.
set(RECTIFY_HAVE_CLI11 FALSE)
set(RECTIFY_CLI11_TEXT "CLI11 (libcli11-dev)")
rectify_wanted(want TOOLS BENCHMARKS)
if(want)
  find_path(RECTIFY_CLI11_INCLUDE_DIR CLI/CLI.hpp)
  mark_as_advanced(RECTIFY_CLI11_INCLUDE_DIR)
  if(RECTIFY_CLI11_INCLUDE_DIR)
    add_library(rectify_cli11 INTERFACE)
    target_include_directories(rectify_cli11 SYSTEM INTERFACE "${RECTIFY_CLI11_INCLUDE_DIR}")
    set(RECTIFY_HAVE_CLI11 TRUE)
  endif()
endif()

set(RECTIFY_HAVE_ZLIB FALSE)
set(RECTIFY_ZLIB_TEXT "zlib (zlib1g-dev)")
set(RECTIFY_HAVE_OPENBLAS FALSE)
set(RECTIFY_OPENBLAS_TEXT "OpenBLAS through pkg-config (libopenblas-dev, pkg-config)")
rectify_wanted(want TRAINER)
if(want)
  find_package(ZLIB QUIET)
  if(TARGET ZLIB::ZLIB)
    set(RECTIFY_HAVE_ZLIB TRUE)
  endif()
  # OpenBLAS's pkg-config module `openblas`: its include directory has the
  # cblas.h that declares openblas_set_num_threads.
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(RECTIFY_OPENBLAS QUIET IMPORTED_TARGET openblas)
    if(TARGET PkgConfig::RECTIFY_OPENBLAS)
      set(RECTIFY_HAVE_OPENBLAS TRUE)
    endif()
  endif()
endif()
