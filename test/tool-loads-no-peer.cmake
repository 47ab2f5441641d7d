# ctest script: the `rectify` tool (PROGRAM) must load none of the benchmark
# peers' libraries nor cuDNN: ldd lists what the dynamic loader maps at start.
#   cmake -DPROGRAM=<path to rectify> -P tool-loads-no-peer.cmake
execute_process(COMMAND ldd "${PROGRAM}" RESULT_VARIABLE status OUTPUT_VARIABLE libraries
                ERROR_VARIABLE libraries)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ldd ${PROGRAM} failed: ${libraries}")
endif()
foreach(peer IN ITEMS libtorch libc10 libdnnl libXNNPACK libpthreadpool libcudnn)
  if(libraries MATCHES "${peer}")
    message(FATAL_ERROR "${PROGRAM} loads ${peer}:\n${libraries}")
  endif()
endforeach()
message(STATUS "${PROGRAM} loads no peer library")
