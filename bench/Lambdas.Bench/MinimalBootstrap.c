/* The floor of a cold start in the benchmark's harness: a process that only connects to the Runtime API,
   takes one event with GET /next and posts a fixed response. No runtime, no allocator, no threads; linked
   like the AOT bootstrap (gcc, dynamic glibc). The benchmark builds it with gcc at bench time. */
#define _GNU_SOURCE /* strcasestr */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define LENGTH "\r\nContent-Length:"
#define REQUEST_ID "\r\nLambda-Runtime-Aws-Request-Id:"

static char buffer[65536];

static int request(int fd, const char *head, size_t length) {
    if (write(fd, head, length) != (ssize_t)length) return -1;
    ssize_t got = 0, n;
    while ((n = read(fd, buffer + got, sizeof buffer - 1 - got)) > 0) {
        got += n;
        buffer[got] = 0;
        char *body = strstr(buffer, "\r\n\r\n"), *field = strcasestr(buffer, LENGTH);
        if (body && field && field < body && got - (body + 4 - buffer) >= atol(field + sizeof LENGTH - 1)) return 0;
    }
    return -1;
}

int main(void) {
    const char *api = getenv("AWS_LAMBDA_RUNTIME_API"), *colon = api ? strrchr(api, ':') : NULL;
    if (!colon) return 3;
    char host[64];
    snprintf(host, sizeof host, "%.*s", (int)(colon - api), api);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(colon + 1))};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) return 2;
    char head[512];
    int length = snprintf(head, sizeof head, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n", api);
    if (request(fd, head, length) != 0) return 2;
    char *id = strcasestr(buffer, REQUEST_ID);
    if (!id) return 2;
    id += sizeof REQUEST_ID - 1;
    while (*id == ' ') id++;
    length = snprintf(head, sizeof head,
        "POST /2018-06-01/runtime/invocation/%.*s/response HTTP/1.1\r\nHost: %s\r\nContent-Length: 2\r\n\r\n{}",
        (int)strcspn(id, "\r\n"), id, api);
    return request(fd, head, length) == 0 ? 0 : 2;
}
