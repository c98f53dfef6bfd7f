# musl's own thread sources: the synchronisation objects, attributes, keys, once, C11 threads.
# Shared by wasm32-wasip1-threads (threads.mk) and the single-threaded triples (single.mk).

THREADS_MUSL := \
  __lock.c __wait.c vmlock.c default_attr.c lock_ptc.c call_once.c \
  pthread_attr_destroy.c pthread_attr_init.c pthread_attr_setdetachstate.c \
  pthread_attr_setguardsize.c pthread_attr_setinheritsched.c pthread_attr_setschedparam.c \
  pthread_attr_setschedpolicy.c pthread_attr_setscope.c pthread_attr_setstack.c \
  pthread_attr_setstacksize.c pthread_setattr_default_np.c \
  pthread_barrier_destroy.c pthread_barrier_init.c pthread_barrier_wait.c \
  pthread_barrierattr_destroy.c pthread_barrierattr_init.c pthread_barrierattr_setpshared.c \
  pthread_cleanup_push.c pthread_setcancelstate.c pthread_setcanceltype.c pthread_testcancel.c \
  pthread_cond_broadcast.c pthread_cond_destroy.c pthread_cond_init.c pthread_cond_signal.c \
  pthread_cond_wait.c pthread_condattr_destroy.c pthread_condattr_init.c \
  pthread_condattr_setpshared.c \
  pthread_equal.c pthread_self.c pthread_once.c pthread_getspecific.c pthread_setspecific.c \
  pthread_getconcurrency.c pthread_setconcurrency.c pthread_atfork.c \
  pthread_mutex_consistent.c pthread_mutex_destroy.c pthread_mutex_init.c \
  pthread_mutex_lock.c pthread_mutex_timedlock.c pthread_mutex_trylock.c \
  pthread_mutex_unlock.c pthread_mutex_getprioceiling.c pthread_mutex_setprioceiling.c \
  pthread_mutexattr_destroy.c pthread_mutexattr_init.c pthread_mutexattr_setprotocol.c \
  pthread_mutexattr_setpshared.c pthread_mutexattr_setrobust.c pthread_mutexattr_settype.c \
  pthread_rwlock_destroy.c pthread_rwlock_init.c pthread_rwlock_rdlock.c \
  pthread_rwlock_timedrdlock.c pthread_rwlock_timedwrlock.c pthread_rwlock_tryrdlock.c \
  pthread_rwlock_trywrlock.c pthread_rwlock_unlock.c pthread_rwlock_wrlock.c \
  pthread_rwlockattr_destroy.c pthread_rwlockattr_init.c pthread_rwlockattr_setpshared.c \
  pthread_spin_destroy.c pthread_spin_init.c pthread_spin_lock.c pthread_spin_trylock.c \
  pthread_spin_unlock.c \
  sem_destroy.c sem_getvalue.c sem_init.c sem_post.c sem_timedwait.c sem_trywait.c sem_wait.c \
  cnd_broadcast.c cnd_destroy.c cnd_init.c cnd_signal.c cnd_timedwait.c cnd_wait.c \
  mtx_destroy.c mtx_init.c mtx_lock.c mtx_timedlock.c mtx_trylock.c mtx_unlock.c \
  thrd_exit.c thrd_join.c tss_create.c tss_delete.c tss_set.c
