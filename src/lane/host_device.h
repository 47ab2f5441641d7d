// RECTIFY_HD marks a function that the CUDA backend also calls from GPU
// code (__host__ __device__ under nvcc); for every other compiler it is
// empty, so these headers stay plain C++.
#ifndef RECTIFY_LANE_HOST_DEVICE_H_
#define RECTIFY_LANE_HOST_DEVICE_H_

#ifdef __CUDACC__
#define RECTIFY_HD __host__ __device__
#else
#define RECTIFY_HD
#endif

// RECTIFY_UNROLL(n) before a loop: unroll it n times in GPU code (so that
// independent loads overlap); nothing for other compilers.
#ifdef __CUDACC__
#define RECTIFY_UNROLL_TEXT(text) _Pragma(#text)
#define RECTIFY_UNROLL(n) RECTIFY_UNROLL_TEXT(unroll n)
#else
#define RECTIFY_UNROLL(n)
#endif

#endif  // RECTIFY_LANE_HOST_DEVICE_H_
