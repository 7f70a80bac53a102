// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretBytes.h"

#include "secrets/SecretRegistry.h"

#include <cstring>
#include <string.h> // explicit_bzero: a memset the compiler may not drop

namespace labshare::secrets {

struct SecretBytes::Buffer {
    explicit Buffer(QByteArrayView bytes)
        : data(new char[static_cast<size_t>(bytes.size()) + 1])
        , size(bytes.size()) {
        std::memcpy(data.get(), bytes.data(), static_cast<size_t>(size));
        data[static_cast<size_t>(size)] = '\0'; // for C APIs that take a string (libssh's password)
        SecretRegistry::add(this, view());
    }
    ~Buffer() {
        SecretRegistry::remove(this);
        ::explicit_bzero(data.get(), static_cast<size_t>(size));
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    QByteArrayView view() const { return {data.get(), size}; }

    std::unique_ptr<char[]> data;
    qsizetype size;
};

SecretBytes::SecretBytes(QByteArrayView bytes) {
    if (!bytes.isEmpty())
        m_buffer = std::make_unique<Buffer>(bytes);
}

SecretBytes::SecretBytes() noexcept = default;

SecretBytes::~SecretBytes() = default;

SecretBytes::SecretBytes(SecretBytes&& other) noexcept = default;

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other)
        m_buffer = std::move(other.m_buffer); // the buffer this held is wiped as it goes
    return *this;
}

SecretBytes SecretBytes::adopt(QByteArray&& bytes) {
    SecretBytes secret(bytes);
    if (bytes.isDetached())
        ::explicit_bzero(bytes.data(), static_cast<size_t>(bytes.size()));
    return secret;
}

SecretBytes SecretBytes::copy() const {
    return SecretBytes(view());
}

QByteArrayView SecretBytes::view() const {
    return m_buffer ? m_buffer->view() : QByteArrayView();
}

const char* SecretBytes::constData() const {
    return m_buffer ? m_buffer->data.get() : "";
}

qsizetype SecretBytes::size() const {
    return m_buffer ? m_buffer->size : 0;
}

QByteArray SecretBytes::exposed() const {
    return view().toByteArray();
}

void SecretBytes::clear() {
    m_buffer.reset();
}

bool operator==(const SecretBytes& a, const SecretBytes& b) {
    const QByteArrayView x = a.view();
    const QByteArrayView y = b.view();
    if (x.size() != y.size())
        return false;
    unsigned char differ = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        differ |= static_cast<unsigned char>(x[i] ^ y[i]);
    return differ == 0;
}

} // namespace labshare::secrets
