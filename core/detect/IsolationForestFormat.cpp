// SPDX-License-Identifier: GPL-3.0-or-later
// Save and load of IsolationForest.
//
// File format, all integers and doubles little-endian (doubles as their IEEE-754 bits):
//   8 bytes  magic "LGIFORST"
//   u32      format version (IsolationForest::kFormatVersion)
//   u32      reserved, 0
//   u64      payload length in bytes
//   payload: i32 trees, i32 sampleSize (psi), i32 maxDepth, u64 seed, i32 featureCount,
//            i32 nodeCount, i32 treeStart[trees + 1], i32 treeDepth[trees],
//            nodeCount x (f64 threshold, i32 feature, i32 child), f64 aux[nodeCount], f64 typical[featureCount],
//            f64 calibration median, f64 calibration spread (ScoreCalibration)
//   u64      FNV-1a 64 of every byte before it
// Version 1 is the same without the two calibration doubles; it is read only when the caller supplies the
// calibration (IsolationForest::deserialize's version1Calibration), see IsolationForest.h.
// Options::threads is not saved: it says how to compute, not what the model is (a loaded model reports 0).
// The checksum catches accidental damage; load() also checks the structure of every tree (indices in range, a
// proper pre-order tree, depths as recorded), so even a crafted file cannot make scoring read out of bounds.
#include "detect/IsolationForest.h"
#include "detect/ReadFile_p.h"

#include <QSaveFile>
#include <QtEndian>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace ledgerguard {

namespace {

constexpr char kMagic[8] = {'L', 'G', 'I', 'F', 'O', 'R', 'S', 'T'};
constexpr qsizetype kHeaderBytes = 8 + 4 + 4 + 8;

quint64 fnv1a(const char* data, qsizetype size)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (qsizetype i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 0x100000001b3ULL;
    }
    return h;
}

class Writer
{
public:
    explicit Writer(QByteArray& out)
        : m_out(out)
    { }
    template<typename T> void put(T value)
    {
        char bytes[sizeof(T)];
        qToLittleEndian(value, bytes);
        m_out.append(bytes, sizeof(T));
    }
    void putDouble(double value) { put(std::bit_cast<quint64>(value)); }

private:
    QByteArray& m_out;
};

// Bounds-checked reads; after the first short read every further read fails too.
class Reader
{
public:
    Reader(const char* data, qsizetype size)
        : m_data(data)
        , m_size(size)
    { }
    template<typename T> bool get(T& value)
    {
        if (m_size - m_pos < static_cast<qsizetype>(sizeof(T)))
            return false;
        value = qFromLittleEndian<T>(m_data + m_pos);
        m_pos += sizeof(T);
        return true;
    }
    bool getDouble(double& value)
    {
        quint64 bits = 0;
        if (!get(bits))
            return false;
        value = std::bit_cast<double>(bits);
        return true;
    }
    qsizetype remaining() const { return m_size - m_pos; }

private:
    const char* m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

Status corrupt(const QString& why)
{
    return Status::corruption(QStringLiteral("Isolation Forest model: ") + why);
}

} // namespace

// Friend of IsolationForest: reads and writes its private arrays.
class IsolationForestFormat
{
public:
    static QByteArray serialize(const IsolationForest& m)
    {
        QByteArray payload;
        Writer w(payload);
        w.put<qint32>(m.treeCount());
        w.put<qint32>(m.m_options.sampleSize);
        w.put<qint32>(m.m_options.maxDepth);
        w.put<quint64>(m.m_options.seed);
        w.put<qint32>(m.m_featureCount);
        w.put<qint32>(m.nodeCount());
        for (qint32 v : m.m_treeStart)
            w.put<qint32>(v);
        for (qint32 v : m.m_treeDepth)
            w.put<qint32>(v);
        for (const IsolationForest::Node& n : m.m_nodes) {
            w.putDouble(n.threshold);
            w.put<qint32>(n.feature);
            w.put<qint32>(n.child);
        }
        for (double v : m.m_aux)
            w.putDouble(v);
        for (double v : m.m_typical)
            w.putDouble(v);
        w.putDouble(m.m_calibration.median);
        w.putDouble(m.m_calibration.spread);

        QByteArray out;
        out.reserve(kHeaderBytes + payload.size() + 8);
        out.append(kMagic, sizeof(kMagic));
        Writer h(out);
        h.put<quint32>(IsolationForest::kFormatVersion);
        h.put<quint32>(0);
        h.put<quint64>(static_cast<quint64>(payload.size()));
        out.append(payload);
        h.put<quint64>(fnv1a(out.constData(), out.size()));
        return out;
    }

    static Result<IsolationForest> deserialize(const QByteArray& bytes,
                                               const std::optional<ScoreCalibration>& version1Calibration)
    {
        if (bytes.size() < kHeaderBytes + 8 || std::memcmp(bytes.constData(), kMagic, sizeof(kMagic)) != 0)
            return corrupt(QStringLiteral("not a LedgerGuard model file (bad magic)"));
        Reader header(bytes.constData() + sizeof(kMagic), kHeaderBytes - sizeof(kMagic));
        quint32 version = 0, reserved = 0;
        quint64 payloadBytes = 0;
        header.get(version);
        header.get(reserved);
        header.get(payloadBytes);
        if (version == 1 && !version1Calibration)
            return Status::unsupported(QStringLiteral("Isolation Forest model: format version 1 carries no score "
                                                      "calibration; refit the model"));
        if (version != IsolationForest::kFormatVersion && version != 1)
            return Status::unsupported(QStringLiteral("Isolation Forest model: format version %1; this build reads "
                                                      "version %2")
                                           .arg(version)
                                           .arg(IsolationForest::kFormatVersion));
        const bool hasCalibration = version >= 2;
        if (payloadBytes != static_cast<quint64>(bytes.size() - kHeaderBytes - 8))
            return corrupt(QStringLiteral("truncated or padded file (payload of %1 bytes announced, %2 present)")
                               .arg(payloadBytes)
                               .arg(bytes.size() - kHeaderBytes - 8));
        const qsizetype checked = bytes.size() - 8;
        if (qFromLittleEndian<quint64>(bytes.constData() + checked) != fnv1a(bytes.constData(), checked))
            return corrupt(QStringLiteral("checksum mismatch"));

        Reader r(bytes.constData() + kHeaderBytes, static_cast<qsizetype>(payloadBytes));
        IsolationForest m;
        qint32 trees = 0, nodes = 0;
        bool ok = r.get(trees) && r.get(m.m_options.sampleSize) && r.get(m.m_options.maxDepth)
            && r.get(m.m_options.seed) && r.get(m.m_featureCount) && r.get(nodes);
        if (!ok || trees < 1 || trees > 100000 || nodes < trees || m.m_featureCount < 1)
            return corrupt(QStringLiteral("bad header fields"));
        m.m_options.trees = trees;
        // Each node takes 24 bytes: refuse counts the payload cannot hold before allocating for them.
        if (static_cast<qint64>(nodes) * 24 + static_cast<qint64>(m.m_featureCount) * 8 + (hasCalibration ? 16 : 0)
            > r.remaining())
            return corrupt(QStringLiteral("node or feature count larger than the file"));
        m.m_treeStart.resize(trees + 1);
        m.m_treeDepth.resize(trees);
        m.m_nodes.resize(nodes);
        m.m_aux.resize(nodes);
        m.m_typical.resize(m.m_featureCount);
        for (qint32& v : m.m_treeStart)
            ok = ok && r.get(v);
        for (qint32& v : m.m_treeDepth)
            ok = ok && r.get(v);
        for (IsolationForest::Node& n : m.m_nodes)
            ok = ok && r.getDouble(n.threshold) && r.get(n.feature) && r.get(n.child);
        for (double& v : m.m_aux)
            ok = ok && r.getDouble(v);
        for (double& v : m.m_typical)
            ok = ok && r.getDouble(v);
        if (hasCalibration)
            ok = ok && r.getDouble(m.m_calibration.median) && r.getDouble(m.m_calibration.spread);
        else
            m.m_calibration = *version1Calibration;
        if (!ok || r.remaining() != 0)
            return corrupt(QStringLiteral("payload size does not match its counts"));
        if (Status s = m.checkConsistency(); !s.isOk())
            return s;
        m.computeIsolationBits();
        return m;
    }
};

// Every invariant scoring relies on: offsets in range, each tree a proper binary tree (children adjacent, after their
// parent) whose leaves point to themselves, features in range, the recorded depth equal to the deepest leaf, finite
// values.
Status IsolationForest::checkConsistency() const
{
    if (m_options.sampleSize < 1 || m_options.maxDepth < 1 || m_options.maxDepth > 4096)
        return corrupt(QStringLiteral("bad options"));
    if (m_treeStart.front() != 0 || m_treeStart.back() != nodeCount())
        return corrupt(QStringLiteral("tree offsets do not cover the nodes"));
    for (double v : m_typical)
        if (!std::isfinite(v))
            return corrupt(QStringLiteral("non-finite typical value"));
    if (!std::isfinite(m_calibration.median) || !std::isfinite(m_calibration.spread) || !(m_calibration.spread > 0.0))
        return corrupt(QStringLiteral("bad score calibration"));
    std::vector<char> seen;
    std::vector<std::pair<qint32, qint32>> stack; // (node, depth)
    for (int t = 0; t < treeCount(); ++t) {
        const qint32 begin = m_treeStart[t], end = m_treeStart[t + 1];
        if (end <= begin)
            return corrupt(QStringLiteral("tree %1 is empty").arg(t));
        const qint32 size = end - begin;
        seen.assign(size, 0);
        stack.assign(1, {0, 0});
        qint32 deepest = 0, visited = 0;
        while (!stack.empty()) {
            const auto [i, depth] = stack.back();
            stack.pop_back();
            if (i < 0 || i >= size || seen[i])
                return corrupt(QStringLiteral("tree %1 is not a tree").arg(t));
            seen[i] = 1;
            ++visited;
            const Node& n = m_nodes[begin + i];
            const double aux = m_aux[begin + i];
            if (n.threshold == std::numeric_limits<double>::infinity()) {
                if (n.feature != 0 || n.child != i || !std::isfinite(aux) || aux < 0.0)
                    return corrupt(QStringLiteral("tree %1 has a bad leaf at node %2").arg(t).arg(i));
                deepest = std::max(deepest, depth);
                continue;
            }
            if (!std::isfinite(n.threshold) || n.feature < 0 || n.feature >= m_featureCount || n.child <= i
                || n.child >= size - 1 || !(aux > 0.0 && aux < 1.0) || depth >= m_options.maxDepth)
                return corrupt(QStringLiteral("tree %1 has a bad split at node %2").arg(t).arg(i));
            stack.push_back({n.child + 1, depth + 1});
            stack.push_back({n.child, depth + 1});
        }
        if (visited != size || deepest != m_treeDepth[t])
            return corrupt(QStringLiteral("tree %1 has unreachable nodes or a wrong depth").arg(t));
    }
    return Status::ok();
}

QByteArray IsolationForest::serialize() const
{
    return IsolationForestFormat::serialize(*this);
}

Result<IsolationForest> IsolationForest::deserialize(const QByteArray& bytes,
                                                     const std::optional<ScoreCalibration>& version1Calibration)
{
    return IsolationForestFormat::deserialize(bytes, version1Calibration);
}

Status IsolationForest::save(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = serialize();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Status::ioError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return Status::ok();
}

Result<IsolationForest> IsolationForest::load(const QString& path)
{
    const auto bytes = detail::readWholeFile(path);
    if (!bytes)
        return bytes.status();
    return deserialize(*bytes, std::nullopt);
}

} // namespace ledgerguard
