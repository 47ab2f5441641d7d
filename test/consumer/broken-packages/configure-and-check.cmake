# ctest script: configures rectify (SOURCE_DIR) in BINARY_DIR with broken
# CMake configs of libtorch, Google Benchmark and GoogleTest first on the
# prefix path (prefix/), and checks that the configure still succeeds and
# says, in one status line each, what it turned off and why.
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DC_COMPILER=... -DCXX_COMPILER=...
#         -P configure-and-check.cmake
file(REMOVE_RECURSE "${BINARY_DIR}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}"
          "-DCMAKE_PREFIX_PATH=${CMAKE_CURRENT_LIST_DIR}/prefix"
          "-DCMAKE_C_COMPILER=${C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
          -DRECTIFY_CUDA=OFF -DRECTIFY_INSTALL=OFF
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
message("${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the configure failed on a broken optional package")
endif()
foreach(expected IN ITEMS
    "rectify: tests off: missing or unusable: GoogleTest (libgtest-dev), GTest: its CMake config failed: broken-on-purpose"
    "rectify-bench: peer aten off: Torch: its CMake config failed: broken-on-purpose"
    "rectify: kernels-bench off: benchmark: its CMake config failed: broken-on-purpose"
    "rectify: tools on")
  string(FIND "${output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the configure did not say: ${expected}")
  endif()
endforeach()
