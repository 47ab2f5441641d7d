# Installs a rectify build tree into an empty prefix: the setup of the
# consumer tests in test/consumer-tests.cmake.
#
#   cmake -DBUILD_DIR=<rectify build> -DPREFIX=<prefix> [-DCONFIG=<config>]
#         -P install.cmake
foreach(variable IN ITEMS BUILD_DIR PREFIX)
  if(NOT ${variable})
    message(FATAL_ERROR "install.cmake: -D${variable}=... is required")
  endif()
endforeach()

set(config_options)
if(CONFIG)
  set(config_options --config "${CONFIG}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
          ${config_options}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${result})")
endif()
