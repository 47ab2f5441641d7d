# Consumer tests: rectify used the way other projects use it. include()d from
# test/CMakeLists.txt; every case has the label "consumer" (ctest -L consumer,
# after building).
#
#   consumer-install              cmake --install this build into
#                                 <build>/test/consumer/prefix (fixture setup)
#   consumer-find-package         find_package(rectify <version>), rectify::rectify,
#                                 from a C-only project
#   consumer-find-package-shared  rectify::rectify_shared, from C and C++
#   consumer-find-package-static  rectify::rectify_static, from C and C++
#   consumer-find-package-wrong-major
#                                 find_package(rectify <major + 1>) must fail
#   consumer-pkg-config           cc main.c $(pkg-config --cflags --libs rectify)
#   consumer-broken-packages      a configure with broken optional packages succeeds
#   consumer-add-subdirectory     add_subdirectory(<source tree>), from C and C++;
#                                 the library only (no tests, tools, benchmarks)
#
# Each project is configured in a fresh directory, built with one job per
# logical core and run (test/consumer/build-and-run.cmake). The builds hold
# one resource lock, so `ctest -j` never runs two of them at once.

set(RECTIFY_CONSUMER_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/consumer")
set(RECTIFY_CONSUMER_BINARY_DIR "${CMAKE_CURRENT_BINARY_DIR}/consumer")
set(RECTIFY_CONSUMER_PREFIX "${RECTIFY_CONSUMER_BINARY_DIR}/prefix")

cmake_host_system_information(RESULT rectify_consumer_jobs QUERY NUMBER_OF_LOGICAL_CORES)
set(rectify_consumer_driver
  "${CMAKE_COMMAND}"
  "-DJOBS=${rectify_consumer_jobs}"
  "-DGENERATOR=${CMAKE_GENERATOR}"
  "-DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}"
  "-DCTEST_COMMAND=${CMAKE_CTEST_COMMAND}"
  "-DCONFIG=$<CONFIG>")
set(rectify_consumer_options
  "-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}"
  "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
  "-DRECTIFY_EXPECTED_VERSION=${PROJECT_VERSION}")
if(CMAKE_GENERATOR_PLATFORM)
  list(APPEND rectify_consumer_options "-A" "${CMAKE_GENERATOR_PLATFORM}")
endif()
if(CMAKE_GENERATOR_TOOLSET)
  list(APPEND rectify_consumer_options "-T" "${CMAKE_GENERATOR_TOOLSET}")
endif()

# rectify_add_consumer_test(<name> <project dir> [<configure options>...])
function(rectify_add_consumer_test name project_dir)
  add_test(NAME consumer-${name}
    COMMAND ${rectify_consumer_driver}
            "-DSOURCE_DIR=${RECTIFY_CONSUMER_SOURCE_DIR}/${project_dir}"
            "-DBINARY_DIR=${RECTIFY_CONSUMER_BINARY_DIR}/${name}"
            -P "${RECTIFY_CONSUMER_SOURCE_DIR}/build-and-run.cmake"
            -- ${rectify_consumer_options} ${ARGN})
  set_tests_properties(consumer-${name} PROPERTIES
    LABELS consumer
    TIMEOUT 300
    RESOURCE_LOCK rectify-consumer-build)
endfunction()

if(RECTIFY_INSTALL)
  add_test(NAME consumer-install
    COMMAND "${CMAKE_COMMAND}"
            "-DBUILD_DIR=${PROJECT_BINARY_DIR}"
            "-DPREFIX=${RECTIFY_CONSUMER_PREFIX}"
            "-DCONFIG=$<CONFIG>"
            -P "${RECTIFY_CONSUMER_SOURCE_DIR}/install.cmake")
  set_tests_properties(consumer-install PROPERTIES
    LABELS consumer
    TIMEOUT 120
    FIXTURES_SETUP rectify-installed)

  set(installed_options "-DCMAKE_PREFIX_PATH=${RECTIFY_CONSUMER_PREFIX}")
  rectify_add_consumer_test(find-package find-package ${installed_options})
  rectify_add_consumer_test(find-package-shared find-package ${installed_options}
    -DRECTIFY_CONSUMER_TARGET=rectify::rectify_shared -DRECTIFY_CONSUMER_CXX=ON)
  rectify_add_consumer_test(find-package-static find-package ${installed_options}
    -DRECTIFY_CONSUMER_TARGET=rectify::rectify_static -DRECTIFY_CONSUMER_CXX=ON)
  math(EXPR next_major "${PROJECT_VERSION_MAJOR} + 1")
  rectify_add_consumer_test(find-package-wrong-major find-package ${installed_options}
    -DRECTIFY_EXPECTED_VERSION=${next_major}.0)
  # The configure step has to fail, and for the version only.
  set_tests_properties(consumer-find-package-wrong-major PROPERTIES
    PASS_REGULAR_EXPRESSION "compatible with requested version \"${next_major}\\.0\"")
  set_tests_properties(
    consumer-find-package consumer-find-package-shared
    consumer-find-package-static consumer-find-package-wrong-major
    PROPERTIES FIXTURES_REQUIRED rectify-installed)

  if(DEFINED PKG_CONFIG_EXECUTABLE AND PKG_CONFIG_EXECUTABLE)
    set(RECTIFY_PKG_CONFIG "${PKG_CONFIG_EXECUTABLE}")
  else()
    find_program(RECTIFY_PKG_CONFIG NAMES pkgconf pkg-config)
  endif()
  if(NOT RECTIFY_PKG_CONFIG)
    message(STATUS "consumer-pkg-config: no pkg-config found, test not added")
  elseif(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}"
         OR IS_ABSOLUTE "${RECTIFY_INSTALL_PKGCONFIGDIR}")
    message(STATUS "consumer-pkg-config: absolute install directories, test not added")
  else()
    add_test(NAME consumer-pkg-config
      COMMAND "${CMAKE_COMMAND}"
              "-DPREFIX=${RECTIFY_CONSUMER_PREFIX}"
              "-DLIBDIR=${CMAKE_INSTALL_LIBDIR}"
              "-DPKGCONFIG_DIR=${RECTIFY_INSTALL_PKGCONFIGDIR}"
              "-DPKG_CONFIG=${RECTIFY_PKG_CONFIG}"
              "-DC_COMPILER=${CMAKE_C_COMPILER}"
              "-DBINARY_DIR=${RECTIFY_CONSUMER_BINARY_DIR}/pkg-config"
              "-DEXPECTED_VERSION=${PROJECT_VERSION}"
              -P "${RECTIFY_CONSUMER_SOURCE_DIR}/pkg-config/build-and-run.cmake")
    set_tests_properties(consumer-pkg-config PROPERTIES
      LABELS consumer
      TIMEOUT 120
      FIXTURES_REQUIRED rectify-installed)
  endif()
endif()

# The subproject build checks the CMake integration, not the kernels: it
# compiles the SCALAR and AVX2 targets only, without CUDA (a full build of
# every target with one job took minutes of CI time).
rectify_add_consumer_test(add-subdirectory add-subdirectory
  "-DRECTIFY_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "-DRECTIFY_DISABLED_TARGETS=SSSE3,SSE4,AVX3,AVX3_DL" "-DRECTIFY_CUDA=OFF")

# Broken optional packages (configs that fail with FATAL_ERROR) first on the
# prefix path: the configure must succeed and name what it turned off.
add_test(NAME consumer-broken-packages
  COMMAND "${CMAKE_COMMAND}"
          "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
          "-DBINARY_DIR=${RECTIFY_CONSUMER_BINARY_DIR}/broken-packages"
          "-DC_COMPILER=${CMAKE_C_COMPILER}" "-DCXX_COMPILER=${CMAKE_CXX_COMPILER}"
          -P "${RECTIFY_CONSUMER_SOURCE_DIR}/broken-packages/configure-and-check.cmake")
set_tests_properties(consumer-broken-packages PROPERTIES LABELS consumer TIMEOUT 300)
