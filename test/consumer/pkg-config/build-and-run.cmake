# Builds test/consumer/main.c the way a project without CMake would,
#   cc main.c $(pkg-config --cflags --libs rectify)
# against an installed rectify found through PKG_CONFIG_PATH, and runs it
# with LD_LIBRARY_PATH pointing at the installed library.
#
#   cmake -DPREFIX=<prefix> -DLIBDIR=<lib dir, relative to the prefix>
#         -DPKGCONFIG_DIR=<.pc dir, relative to the prefix>
#         -DPKG_CONFIG=<pkg-config> -DC_COMPILER=<cc> -DBINARY_DIR=<dir>
#         [-DEXPECTED_VERSION=<version>] -P build-and-run.cmake
foreach(variable IN ITEMS PREFIX LIBDIR PKGCONFIG_DIR PKG_CONFIG C_COMPILER BINARY_DIR)
  if(NOT ${variable})
    message(FATAL_ERROR "pkg-config/build-and-run.cmake: -D${variable}=... is required")
  endif()
endforeach()

function(run_step description output_variable)
  list(JOIN ARGN " " command_line)
  message(STATUS "${description}: ${command_line}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result
                  OUTPUT_VARIABLE output OUTPUT_STRIP_TRAILING_WHITESPACE)
  message("${output}")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${description} failed (${result})")
  endif()
  set(${output_variable} "${output}" PARENT_SCOPE)
endfunction()

set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${PKGCONFIG_DIR}")
message(STATUS "PKG_CONFIG_PATH=$ENV{PKG_CONFIG_PATH}")
run_step("pkg-config --modversion" version "${PKG_CONFIG}" --modversion rectify)
if(EXPECTED_VERSION AND NOT version STREQUAL EXPECTED_VERSION)
  message(FATAL_ERROR "rectify.pc says version ${version}, expected ${EXPECTED_VERSION}")
endif()
run_step("pkg-config --cflags --libs" flags "${PKG_CONFIG}" --cflags --libs rectify)
separate_arguments(flags UNIX_COMMAND "${flags}")

set(defines)
if(EXPECTED_VERSION)
  set(defines "-DRECTIFY_EXPECTED_VERSION=\"${EXPECTED_VERSION}\"")
endif()
file(REMOVE_RECURSE "${BINARY_DIR}")
file(MAKE_DIRECTORY "${BINARY_DIR}")
get_filename_component(source "${CMAKE_CURRENT_LIST_DIR}/../main.c" ABSOLUTE)
run_step(Compile unused "${C_COMPILER}" -std=c99 ${defines} "${source}"
         -o "${BINARY_DIR}/consumer" ${flags})

if(DEFINED ENV{LD_LIBRARY_PATH} AND NOT "$ENV{LD_LIBRARY_PATH}" STREQUAL "")
  set(ENV{LD_LIBRARY_PATH} "${PREFIX}/${LIBDIR}:$ENV{LD_LIBRARY_PATH}")
else()
  set(ENV{LD_LIBRARY_PATH} "${PREFIX}/${LIBDIR}")
endif()
message(STATUS "LD_LIBRARY_PATH=$ENV{LD_LIBRARY_PATH}")
run_step(Run unused "${BINARY_DIR}/consumer")
