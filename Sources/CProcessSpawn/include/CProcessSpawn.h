#ifndef CPROCESSSPAWN_H
#define CPROCESSSPAWN_H

#include <spawn.h>

/// glibc's GNU extensions that ChildProcess needs and Swift's Glibc module does not show (they are
/// declared only under _GNU_SOURCE). Each returns what the wrapped call returns.

/// pipe2(fds, O_CLOEXEC): a pipe whose ends are close-on-exec from birth.
int mfae_pipe_cloexec(int fds[2]);

/// posix_spawn_file_actions_addclosefrom_np: the child closes every descriptor from `from` up.
int mfae_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int from);

/// posix_spawn_file_actions_addchdir_np: the child changes to `path` before exec.
int mfae_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

#endif
