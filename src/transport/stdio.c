// SPDX-License-Identifier: MIT
// The stdio transport: reads stdin (pipe, tty or file) on the libuv loop, frames messages,
// and queues non-blocking writes on stdout. After each read burst a check handle asks whether
// more input is already waiting; only when none is does it call the idle callback, so a burst
// of edits costs one analysis and no fixed delay.
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "reviewls/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

struct out_msg {
    uv_write_t req;
    size_t len;
    char bytes[];
};

struct rv_stdio {
    uv_loop_t *loop;
    union {
        uv_handle_t handle;
        uv_stream_t stream;
        uv_pipe_t pipe;
        uv_tty_t tty;
    } in, out;
    uv_handle_type in_type;
    uv_handle_type out_type;
    uv_fs_t in_fs; /* reads of a regular file on stdin */
    char file_buf[65536];
    uv_check_t check;
    uv_idle_t idle;
    uv_timer_t later; /* rv_stdio_wake_after */
    struct rv_frame_reader reader;
    rv_stdio_message_fn *on_message;
    rv_stdio_idle_fn *on_idle;
    void *userdata;
    bool eof;
    bool stopping;
    bool out_broken;
    bool has_input_work;
    size_t pending_writes;
    uv_shutdown_t shutdown_req;
};

static void process_input(struct rv_stdio *io) {
    for (;;) {
        const char *body = NULL;
        size_t len = 0;
        const char *error = NULL;
        enum rv_frame_status st = rv_frame_reader_next(&io->reader, &body, &len, &error);
        if (st == RV_FRAME_NEED_MORE) {
            break;
        }
        if (st == RV_FRAME_ERROR) {
            rv_log_warn("transport: %s", error);
            continue;
        }
        io->on_message(io->userdata, body, len);
        if (io->stopping) {
            break;
        }
    }
    io->has_input_work = true;
}

static void close_all(struct rv_stdio *io);

static void on_eof(struct rv_stdio *io) {
    io->eof = true;
    if (rv_frame_reader_partial(&io->reader)) {
        rv_log_warn("transport: input ended in the middle of a message");
    }
    // Let the owner react (it usually stops us); if it does not, stop anyway.
    if (io->on_idle) {
        io->on_idle(io->userdata);
    }
    rv_stdio_stop(io);
}

static void alloc_cb(uv_handle_t *handle, size_t suggested, uv_buf_t *buf) {
    (void)handle;
    buf->base = rv_xmalloc(suggested);
    buf->len = suggested;
}

static void read_cb(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf) {
    struct rv_stdio *io = stream->data;
    if (nread > 0) {
        rv_frame_reader_feed(&io->reader, buf->base, (size_t)nread);
        free(buf->base);
        process_input(io);
        return;
    }
    free(buf->base);
    if (nread < 0) {
        if (nread != UV_EOF) {
            rv_log_warn("transport: read failed: %s", uv_strerror((int)nread));
        }
        uv_read_stop(stream);
        on_eof(io);
    }
}

static void file_read_cb(uv_fs_t *req) {
    struct rv_stdio *io = req->data;
    ssize_t n = req->result;
    uv_fs_req_cleanup(req);
    if (n > 0) {
        rv_frame_reader_feed(&io->reader, io->file_buf, (size_t)n);
        process_input(io);
        if (!io->stopping) {
            uv_buf_t buf = uv_buf_init(io->file_buf, sizeof(io->file_buf));
            uv_fs_read(io->loop, &io->in_fs, 0, &buf, 1, -1, file_read_cb);
        }
        return;
    }
    on_eof(io);
}

// Is more input already waiting on stdin? Then analysis waits for it (a burst drains first).
static bool input_waiting(struct rv_stdio *io) {
    if (io->eof || io->in_type == UV_FILE) {
        return false;
    }
    struct pollfd pfd = {.fd = 0, .events = POLLIN};
    return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN);
}

static void idle_cb(uv_idle_t *handle) {
    // Only keeps the loop from blocking while deferred work waits for the check phase.
    (void)handle;
}

static void check_cb(uv_check_t *handle) {
    struct rv_stdio *io = handle->data;
    if (!io->has_input_work || io->stopping) {
        return;
    }
    if (input_waiting(io)) {
        uv_idle_start(&io->idle, idle_cb);
        return;
    }
    uv_idle_stop(&io->idle);
    io->has_input_work = false;
    if (io->on_idle) {
        io->on_idle(io->userdata);
    }
}

void rv_stdio_wake(struct rv_stdio *io) {
    if (io->stopping) {
        return;
    }
    // The idle handle keeps the loop from blocking in poll; the check handle then serves any
    // input first and calls the idle callback when none waits.
    io->has_input_work = true;
    uv_idle_start(&io->idle, idle_cb);
}

static void later_cb(uv_timer_t *handle) {
    rv_stdio_wake(handle->data);
}

void rv_stdio_wake_after(struct rv_stdio *io, uint64_t ms) {
    if (!io->stopping) {
        uv_timer_start(&io->later, later_cb, ms, 0); // restarts a pending one
    }
}

static void write_cb(uv_write_t *req, int status) {
    struct out_msg *msg = rv_container_of(req, struct out_msg, req);
    struct rv_stdio *io = req->data;
    io->pending_writes--;
    if (status < 0 && !io->out_broken) {
        io->out_broken = true;
        rv_log_warn("transport: write failed: %s; output is dropped from now on",
                    uv_strerror(status));
    }
    free(msg);
}

void rv_stdio_send(struct rv_stdio *io, const char *body, size_t len) {
    if (io->out_broken) {
        return;
    }
    char header[64];
    size_t header_len = rv_frame_header(header, sizeof(header), len);
    size_t framed_len = header_len + len;
    if (io->out_type == UV_NAMED_PIPE || io->out_type == UV_TTY) {
        // Written at once when the pipe takes it (nothing queued before it): no copy. What it
        // does not take is copied, once, into a buffer the write owns (a publish of a long
        // module's diagnostics is hundreds of kilobytes).
        size_t done = 0;
        uv_buf_t parts[2] = {uv_buf_init(header, (unsigned)header_len),
                             uv_buf_init((char *)body, (unsigned)len)};
        int n = uv_try_write(&io->out.stream, parts, 2);
        if (n > 0) {
            done = (size_t)n;
        } else if (n < 0 && n != UV_EAGAIN && n != UV_ENOSYS) {
            io->out_broken = true;
            rv_log_warn("transport: write failed: %s", uv_strerror(n));
            return;
        }
        if (done == framed_len) {
            return;
        }
        struct out_msg *msg = rv_xmalloc(sizeof(*msg) + framed_len - done);
        msg->len = 0;
        for (size_t k = 0; k < RV_ARRAY_LEN(parts); k++) { // what is left of each part
            size_t skip = RV_MIN(done, parts[k].len);
            memcpy(msg->bytes + msg->len, parts[k].base + skip, parts[k].len - skip);
            msg->len += parts[k].len - skip;
            done -= skip;
        }
        msg->req.data = io;
        uv_buf_t buf = uv_buf_init(msg->bytes, (unsigned)msg->len);
        int err = uv_write(&msg->req, &io->out.stream, &buf, 1, write_cb);
        if (err < 0) {
            io->out_broken = true;
            rv_log_warn("transport: write failed: %s", uv_strerror(err));
            free(msg);
        } else {
            io->pending_writes++;
        }
    } else {
        // A file or something libuv cannot stream: plain blocking writes.
        char *framed = rv_frame_encode(body, len, &framed_len);
        size_t off = 0;
        while (off < framed_len) {
            ssize_t n = write(1, framed + off, framed_len - off);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                io->out_broken = true;
                rv_log_warn("transport: write failed: %s", strerror(errno));
                break;
            }
            off += (size_t)n;
        }
        free(framed);
    }
}

static void close_cb(uv_handle_t *handle) {
    (void)handle;
}

static void close_all(struct rv_stdio *io) {
    uv_handle_t *handles[] = {
        (uv_handle_t *)&io->check, (uv_handle_t *)&io->idle, (uv_handle_t *)&io->later,
        io->in_type == UV_FILE ? NULL : &io->in.handle,
        (io->out_type == UV_NAMED_PIPE || io->out_type == UV_TTY) ? &io->out.handle : NULL};
    for (size_t i = 0; i < RV_ARRAY_LEN(handles); i++) {
        if (handles[i] && !uv_is_closing(handles[i])) {
            uv_close(handles[i], close_cb);
        }
    }
}

static void shutdown_cb(uv_shutdown_t *req, int status) {
    struct rv_stdio *io = req->data;
    (void)status;
    close_all(io);
}

void rv_stdio_stop(struct rv_stdio *io) {
    if (io->stopping) {
        return;
    }
    io->stopping = true;
    if (io->in_type != UV_FILE && !io->eof) {
        uv_read_stop(&io->in.stream);
    }
    if ((io->out_type == UV_NAMED_PIPE || io->out_type == UV_TTY) && !io->out_broken) {
        // Shutdown completes after every queued write: nothing is lost on exit.
        io->shutdown_req.data = io;
        if (uv_shutdown(&io->shutdown_req, &io->out.stream, shutdown_cb) == 0) {
            return;
        }
    }
    close_all(io);
}

bool rv_stdio_eof(const struct rv_stdio *io) {
    return io->eof;
}

// A pipe holds 64 KiB unless asked for more. A long module's diagnostics are more than that
// (70 KB for 10,000 lines): written to a full pipe, the rest waits until the editor has read
// the first part and the server has polled again, so each keystroke pays two more wake-ups;
// a document's text arrives in as many reads. Linux grows a pipe for any process up to
// /proc/sys/fs/pipe-max-size (1 MiB by default); when it refuses, or elsewhere, the pipe
// stays as it was. Sockets (libuv-based clients spawn servers over socketpairs) are left
// alone: their buffers are already larger.
static void grow_pipe(int fd) {
#ifdef F_SETPIPE_SZ
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) {
        return;
    }
    for (int size = 1 << 20; size > (64 << 10); size /= 2) {
        if (fcntl(fd, F_GETPIPE_SZ) >= size || fcntl(fd, F_SETPIPE_SZ, size) >= 0) {
            return;
        }
    }
#else
    (void)fd;
#endif
}

static int open_stream(uv_loop_t *loop, int fd, uv_handle_type type, uv_handle_t *h,
                       bool readable) {
    if (type == UV_NAMED_PIPE) {
        grow_pipe(fd);
        uv_pipe_t *pipe = (uv_pipe_t *)h;
        int err = uv_pipe_init(loop, pipe, 0);
        return err ? err : uv_pipe_open(pipe, fd);
    }
    if (type == UV_TTY) {
        return uv_tty_init(loop, (uv_tty_t *)h, fd, readable);
    }
    return UV_EINVAL;
}

int rv_stdio_run(rv_stdio_message_fn *on_message, rv_stdio_idle_fn *on_idle, void *userdata,
                 struct rv_stdio **out_handle) {
    signal(SIGPIPE, SIG_IGN);
    struct rv_stdio *io = rv_xcalloc(1, sizeof(*io));
    uv_loop_t loop;
    uv_loop_init(&loop);
    io->loop = &loop;
    io->on_message = on_message;
    io->on_idle = on_idle;
    io->userdata = userdata;
    rv_frame_reader_init(&io->reader, 0);
    if (out_handle) {
        *out_handle = io;
    }

    io->out_type = uv_guess_handle(1);
    if (io->out_type == UV_NAMED_PIPE || io->out_type == UV_TTY) {
        if (open_stream(&loop, 1, io->out_type, &io->out.handle, false) != 0) {
            io->out_type = UV_FILE;
        }
    }
    io->in_type = uv_guess_handle(0);
    if (io->in_type == UV_NAMED_PIPE || io->in_type == UV_TTY) {
        if (open_stream(&loop, 0, io->in_type, &io->in.handle, true) != 0) {
            io->in_type = UV_FILE;
        }
    } else {
        io->in_type = UV_FILE;
    }
    uv_check_init(&loop, &io->check);
    io->check.data = io;
    uv_check_start(&io->check, check_cb);
    uv_idle_init(&loop, &io->idle);
    io->idle.data = io;
    uv_timer_init(&loop, &io->later);
    io->later.data = io;
    uv_unref((uv_handle_t *)&io->later); // a wait for a quiet moment keeps no loop alive

    if (io->in_type == UV_FILE) {
        io->in_fs.data = io;
        uv_buf_t buf = uv_buf_init(io->file_buf, sizeof(io->file_buf));
        uv_fs_read(&loop, &io->in_fs, 0, &buf, 1, -1, file_read_cb);
    } else {
        io->in.stream.data = io;
        uv_read_start(&io->in.stream, alloc_cb, read_cb);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    int rc = uv_loop_close(&loop);
    if (rc != 0) {
        rv_log_warn("transport: loop closed with live handles: %s", uv_strerror(rc));
    }
    rv_frame_reader_finish(&io->reader);
    if (out_handle) {
        *out_handle = NULL;
    }
    free(io);
    return 0;
}
