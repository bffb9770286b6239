#include "sandbox/FreePort.h"

#include <stdexcept>

#ifdef Q_OS_WIN
#include <winsock2.h>
#include <ws2tcpip.h>
#pragma comment(lib, "ws2_32.lib")
using Socket = SOCKET;
static void closeSocket(Socket s)
{
    closesocket(s);
}
static bool valid(Socket s)
{
    return s != INVALID_SOCKET;
}
#else
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
using Socket = int;
static void closeSocket(Socket s)
{
    close(s);
}
static bool valid(Socket s)
{
    return s >= 0;
}
#endif

QList<int> FreePort::pick(int count)
{
#ifdef Q_OS_WIN
    WSADATA wsa;
    WSAStartup(MAKEWORD(2, 2), &wsa);
#endif
    QList<Socket> held;
    QList<int> ports;
    auto release = [&] {
        for (Socket s : held)
            closeSocket(s);
    };
    for (int i = 0; i < count; ++i) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        const Socket s = socket(AF_INET, SOCK_STREAM, 0);
        if (!valid(s)) {
            release();
            throw std::runtime_error("cannot create a socket to find a free port");
        }
        held.append(s);
        if (bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
            || getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            release();
            throw std::runtime_error("cannot bind 127.0.0.1 to find a free port");
        }
        ports.append(ntohs(address.sin_port));
    }
    release();
    return ports;
}
