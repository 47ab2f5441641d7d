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

#endif  // RECTIFY_LANE_HOST_DEVICE_H_
