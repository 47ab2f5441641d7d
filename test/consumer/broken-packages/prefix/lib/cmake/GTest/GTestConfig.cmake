# A deliberately broken package config (test/consumer/broken-packages.cmake):
# it fails the way a config with a missing dependency of its own fails.
message(FATAL_ERROR "broken-on-purpose: GTest's config needs a package that is not installed")
