# Install rules: headers, both libraries, the exported targets with a
# package config and version file (find_package(rectify)), and rectify.pc.
# Included from the top-level CMakeLists.txt when RECTIFY_INSTALL is ON.
#
# Consumers get:
#   rectify::rectify         the shared library (static if BUILD_SHARED_LIBS
#                            was OFF when rectify was built)
#   rectify::rectify_shared  librectify.so
#   rectify::rectify_static  librectify.a (needs Highway: the config file
#                            finds it)

include(CMakePackageConfigHelpers)

set(RECTIFY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/rectify" CACHE STRING
    "Where rectify-config.cmake is installed, relative to the prefix")
set(RECTIFY_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where rectify.pc is installed, relative to the prefix")

# Everything in include/rectify is public: rectify.h (C), rectify.hpp (C++).
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/rectify"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT rectify_development)

install(TARGETS rectify_shared rectify_static rectify
        EXPORT rectify-targets
        LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
          COMPONENT rectify_runtime
          NAMELINK_COMPONENT rectify_development
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
          COMPONENT rectify_development
        RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
          COMPONENT rectify_runtime)

install(EXPORT rectify-targets
        NAMESPACE rectify::
        DESTINATION "${RECTIFY_INSTALL_CMAKEDIR}"
        COMPONENT rectify_development)

set(RECTIFY_PACKAGE_DIR "${PROJECT_BINARY_DIR}/package")
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/rectify-config.cmake.in"
  "${RECTIFY_PACKAGE_DIR}/rectify-config.cmake"
  INSTALL_DESTINATION "${RECTIFY_INSTALL_CMAKEDIR}"
  NO_SET_AND_CHECK_MACRO)
write_basic_package_version_file(
  "${RECTIFY_PACKAGE_DIR}/rectify-config-version.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES
          "${RECTIFY_PACKAGE_DIR}/rectify-config.cmake"
          "${RECTIFY_PACKAGE_DIR}/rectify-config-version.cmake"
        DESTINATION "${RECTIFY_INSTALL_CMAKEDIR}"
        COMPONENT rectify_development)

# rectify.pc locates the prefix from its own directory (${pcfiledir}), so the
# tree stays usable after `cmake --install --prefix` or DESTDIR moves it.
# Absolute install directories cannot be made relative: they are written as
# they are.
function(rectify_pc_path out_var dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out_var} "${dir}" PARENT_SCOPE)
  else()
    set(${out_var} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()
if(IS_ABSOLUTE "${RECTIFY_INSTALL_PKGCONFIGDIR}")
  set(RECTIFY_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH RECTIFY_PC_PREFIX_FROM_PCDIR
       "/prefix/${RECTIFY_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" RECTIFY_PC_PREFIX_FROM_PCDIR
         "${RECTIFY_PC_PREFIX_FROM_PCDIR}")
  set(RECTIFY_PC_PREFIX "\${pcfiledir}/${RECTIFY_PC_PREFIX_FROM_PCDIR}")
endif()
rectify_pc_path(RECTIFY_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
rectify_pc_path(RECTIFY_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
# A static link against a CUDA build needs the CUDA runtime as well.
set(RECTIFY_PC_CUDA_LIBS "")
if(RECTIFY_HAVE_CUDA)
  set(RECTIFY_PC_CUDA_LIBS " -L${CUDAToolkit_LIBRARY_DIR} -lcudart_static -ldl -lrt")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/rectify.pc.in"
               "${RECTIFY_PACKAGE_DIR}/rectify.pc" @ONLY)
install(FILES "${RECTIFY_PACKAGE_DIR}/rectify.pc"
        DESTINATION "${RECTIFY_INSTALL_PKGCONFIGDIR}"
        COMPONENT rectify_development)
