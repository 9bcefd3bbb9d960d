/**
 * Device memory: {@link astrograd.kernels.memory.CachingAllocator} pools blocks by rounded size;
 * {@link astrograd.kernels.memory.DeviceBuffer} is one block, returned to the pool when closed.
 */
package astrograd.kernels.memory;
