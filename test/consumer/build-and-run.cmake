# Configures a consumer project in a fresh binary directory, builds it with
# JOBS parallel jobs (default 1) and runs its tests. The driver of the cases in
# test/consumer-tests.cmake:
#
#   cmake -DSOURCE_DIR=<project> -DBINARY_DIR=<dir> -DGENERATOR=<generator>
#         -DCTEST_COMMAND=<ctest> [-DMAKE_PROGRAM=<make>] [-DCONFIG=<config>]
#         [-DJOBS=<n>]
#         -P build-and-run.cmake [-- <configure options>...]
#
# Everything after `--` is passed to the configure step.
foreach(variable IN ITEMS SOURCE_DIR BINARY_DIR GENERATOR CTEST_COMMAND)
  if(NOT ${variable})
    message(FATAL_ERROR "build-and-run.cmake: -D${variable}=... is required")
  endif()
endforeach()

set(configure_options)
set(after_separator FALSE)
math(EXPR last_argument "${CMAKE_ARGC} - 1")
foreach(index RANGE ${last_argument})
  if(after_separator)
    list(APPEND configure_options "${CMAKE_ARGV${index}}")
  elseif(CMAKE_ARGV${index} STREQUAL "--")
    set(after_separator TRUE)
  endif()
endforeach()
if(MAKE_PROGRAM)
  list(APPEND configure_options "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
set(config_options)
if(CONFIG)
  list(APPEND configure_options "-DCMAKE_BUILD_TYPE=${CONFIG}")
  set(config_options -C "${CONFIG}")
  set(build_config_options --config "${CONFIG}")
endif()

function(run_step description)
  list(JOIN ARGN " " command_line)
  message(STATUS "${description}: ${command_line}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${description} failed (${result})")
  endif()
endfunction()

file(REMOVE_RECURSE "${BINARY_DIR}")
run_step(Configure "${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${BINARY_DIR}"
         -G "${GENERATOR}" ${configure_options})
if(NOT JOBS)
  set(JOBS 1)
endif()
run_step(Build "${CMAKE_COMMAND}" --build "${BINARY_DIR}" ${build_config_options}
         --parallel ${JOBS})
run_step(Test "${CTEST_COMMAND}" --test-dir "${BINARY_DIR}" ${config_options}
         --output-on-failure --no-tests=error)
