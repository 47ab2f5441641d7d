# The optional parts of the build (tests, tools, trainer, benchmarks) and how
# each is switched: a cache setting RECTIFY_BUILD_<PART> that is AUTO, ON or
# OFF (a boolean value such as TRUE or 0 counts as ON or OFF).
#
#   AUTO  (the default at the top level) builds the part where everything it
#         needs was found, and otherwise prints one status line naming what
#         is missing and leaves it out. A subproject (add_subdirectory,
#         FetchContent) defaults to OFF: it gets the library only.
#   ON    requires the part: a missing dependency is a configure error.
#   OFF   leaves the part out.
#
# Included from the top-level CMakeLists.txt, before any part is probed.

# rectify_part_setting(<PART> <description>): declares RECTIFY_BUILD_<PART>.
function(rectify_part_setting part description)
  if(RECTIFY_TOP_LEVEL)
    set(default AUTO)
  else()
    set(default OFF)
  endif()
  set(RECTIFY_BUILD_${part} ${default} CACHE STRING "${description}: AUTO, ON or OFF")
  set_property(CACHE RECTIFY_BUILD_${part} PROPERTY STRINGS AUTO ON OFF)
endfunction()

# rectify_decide_part(<PART> <DEP>...): sets RECTIFY_WITH_<PART> (TRUE or
# FALSE) in the caller's scope from RECTIFY_BUILD_<PART> and the part's
# dependencies: each <DEP> was found when RECTIFY_HAVE_<DEP> is true, and
# RECTIFY_<DEP>_TEXT names it for the status line (cmake/dependencies.cmake).
function(rectify_decide_part part)
  set(missing "")
  foreach(dependency IN LISTS ARGN)
    if(NOT RECTIFY_HAVE_${dependency})
      list(APPEND missing "${RECTIFY_${dependency}_TEXT}")
    endif()
  endforeach()
  set(setting "${RECTIFY_BUILD_${part}}")
  string(TOLOWER "${part}" name)
  list(JOIN missing ", " missing_text)
  if(setting STREQUAL "AUTO")
    if(missing)
      message(STATUS "rectify: ${name} off: missing or unusable: ${missing_text}")
      set(enabled FALSE)
    else()
      set(enabled TRUE)
    endif()
  elseif(setting)
    if(missing)
      message(FATAL_ERROR
        "RECTIFY_BUILD_${part}=${setting}, but not found: ${missing_text} "
        "(scripts/install-deps.sh installs what the scripts need on Debian)")
    endif()
    set(enabled TRUE)
  else()
    set(enabled FALSE)
  endif()
  if(enabled)
    message(STATUS "rectify: ${name} on")
  endif()
  set(RECTIFY_WITH_${part} ${enabled} PARENT_SCOPE)
endfunction()

# rectify_probe_config_package(<Package> <result-var> <reason-var>
#                              [<find_package args>...]):
# whether find_package(<Package> CONFIG <args>) succeeds, tried first in a
# separate CMake run (build/probes/<Package>), so that a package whose config
# file fails (a missing dependency of its own, a broken install) cannot stop
# this configure. Sets <result-var> to TRUE only when that run found the
# package; otherwise to FALSE, and <reason-var> to "<Package>: not installed"
# (exactly) or "<Package>: its CMake config failed: <its first error line>",
# for the caller's status line. The caller then
# calls find_package itself, which is known to work.
function(rectify_probe_config_package package result_var reason_var)
  set(probe_dir "${PROJECT_BINARY_DIR}/probes/${package}")
  file(MAKE_DIRECTORY "${probe_dir}")
  string(REPLACE ";" " " args "${ARGN}")
  file(WRITE "${probe_dir}/CMakeLists.txt"
    "cmake_minimum_required(VERSION 3.25)\n"
    "project(rectify_probe_${package} LANGUAGES C CXX)\n"
    "find_package(${package} CONFIG REQUIRED ${args})\n")
  set(forwarded
    "-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}" "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}")
  foreach(variable IN ITEMS CMAKE_PREFIX_PATH ${package}_DIR)
    if(${variable})
      string(REPLACE ";" "\\;" value "${${variable}}")
      list(APPEND forwarded "-D${variable}=${value}")
    endif()
  endforeach()
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -S "${probe_dir}" -B "${probe_dir}/build" ${forwarded}
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  if(status EQUAL 0)
    set(${result_var} TRUE PARENT_SCOPE)
    set(${reason_var} "" PARENT_SCOPE)
    return()
  endif()
  # The first line of the error that is not CMake's own framing.
  set(reason "its CMake config failed")
  string(REGEX MATCH "CMake Error[^\n]*\n+ *([^\n]+)" first "${output}")
  if(CMAKE_MATCH_1)
    string(REPLACE ";" "," first_line "${CMAKE_MATCH_1}")  # one list element
    set(reason "its CMake config failed: ${first_line}")
  endif()
  if(output MATCHES "Could not find a package configuration file|By not providing")
    set(reason "not installed")
  endif()
  set(${reason_var} "${package}: ${reason}" PARENT_SCOPE)
  set(${result_var} FALSE PARENT_SCOPE)
endfunction()
