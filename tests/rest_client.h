// SPDX-License-Identifier: GPL-3.0-or-later
// For REST tests: one HTTP request over a real socket with QNetworkAccessManager, waited for in a local event loop,
// and its answer (status, body, the body as a JSON object, headers).
#pragma once

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace ledgerguard::testing {

struct HttpResponse
{
    int status = 0; // 0 when no answer came
    QByteArray body;
    QJsonObject json; // empty unless the body is a JSON object
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
};

// Sends `method` to `url` with `body` (Content-Type application/json when the body is not empty and `headers` do
// not name one) and waits for the answer.
inline HttpResponse httpCall(QNetworkAccessManager& nam, const QString& url, const QByteArray& method,
                             const QByteArray& body = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {})
{
    QNetworkRequest request {QUrl(url)};
    bool typed = false;
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
        typed = typed || name.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!body.isEmpty() && !typed)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply* reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

} // namespace ledgerguard::testing
