"""A SIASN stand-in: a small real HTTP service (werkzeug, in a thread) with the endpoints and field
names of pamong.siasn.client, the two token grants, failure injection and a log of what it received.

* tokens: ``POST /oauth2/token`` (client credentials, basic auth) and ``POST /sso/token`` (password
  grant); every API call must carry ``Authorization: Bearer <apim>`` and ``Auth: bearer <sso>`` of a
  token it issued and has not expired (:meth:`SiasnStandIn.expire_tokens`), else 401;
* ``GET /api/pns/data-utama/<nip>``, ``/api/referensi/ref-unor``, ``/api/pns/rw-<kind>/<nip>``;
* ``POST /api/<kind>/save`` validates the body against :data:`SAVE_FIELDS` (every field present,
  of its type; dates ``dd-mm-yyyy``) and answers ``400 {"success": false, "message", "field"}``
  otherwise; ``POST /api/upload-dok-rw`` wants ``file``, ``id_riwayat`` (a known riwayat) and
  ``id_ref_dokumen``;
* :meth:`SiasnStandIn.fail` queues failures for a path prefix: ``"timeout"`` (answers after the
  client gave up, without storing), ``"store_then_timeout"`` (stores the record, then answers too
  late: the client cannot know it arrived), ``"hang"`` / ``"store_then_hang"`` (the same, but the
  answer waits until :meth:`SiasnStandIn.release`; :attr:`SiasnStandIn.in_flight` is set once the
  request has arrived, and stored when it stores: a test kills the caller there), ``401``, ``429``,
  ``500`` or ``("reject", field, message)``.
"""

from __future__ import annotations

import datetime
import itertools
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

INT, STR, DATE = "integer", "string", "date"
SAVE_FIELDS = {
    "kursus": {
        "instansiId": STR, "institusiPenyelenggara": STR, "jenisDiklatId": STR, "jenisKursus": STR,
        "jenisKursusId": STR, "jenisKursusSertipikat": STR, "jumlahJam": INT, "lokasiId": STR,
        "namaKursus": STR, "nomorSertipikat": STR, "pnsOrangId": STR, "tahunKursus": INT,
        "tanggalKursus": DATE, "tanggalSelesaiKursus": DATE,
    },
    "diklat": {
        "institusiPenyelenggara": STR, "jumlahJam": INT, "latihanStrukturalId": STR, "nomor": STR,
        "pnsOrangId": STR, "tahun": INT, "tanggal": DATE, "tanggalSelesai": DATE,
    },
    "skp22": {
        "hasilKinerjaNilai": INT, "kuadranKinerjaNilai": INT, "penilaiGolongan": STR, "penilaiJabatan": STR,
        "penilaiNama": STR, "penilaiNipNrp": STR, "penilaiUnorNama": STR, "perilakuKerjaNilai": INT,
        "pnsDinilaiOrang": STR, "statusPenilai": STR, "tahun": INT,
    },
    "kinerjaperiodik": {
        "bulanMulaiPenilaian": INT, "bulanSelesaiPenilaian": INT, "hasilKinerjaNilai": INT, "koefisienId": STR,
        "kuadranKinerjaNilai": INT, "penilaiGolongan": STR, "penilaiJabatanNama": STR, "penilaiNama": STR,
        "penilaiNipNrp": STR, "penilaiUnorNama": STR, "perilakuKerjaNilai": INT, "periodikId": STR,
        "pnsDinilaiId": STR, "statusPenilai": STR, "tahun": INT, "tahunMulaiPenilaian": INT,
        "tahunSelesaiPenilaian": INT,
    },
}  # fmt: skip
ID_KEYS = {"kursus": "rwKursusId", "diklat": "rwDiklatId", "skp22": "rwSkpId",
           "kinerjaperiodik": "rwKinerjaPeriodikId"}  # fmt: skip
PERSON_KEYS = {"kursus": "pnsOrangId", "diklat": "pnsOrangId", "skp22": "pnsDinilaiOrang",
               "kinerjaperiodik": "pnsDinilaiId"}  # fmt: skip


@dataclass
class SiasnStandIn:
    client_timeout: float = 0.5
    token_lifetime: int = 3600
    pns: dict[str, dict] = field(default_factory=dict)  # nip → data-utama
    unors: list[dict] = field(default_factory=list)
    riwayat: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    documents: list[dict] = field(default_factory=list)
    received: list[tuple[str, str]] = field(default_factory=list)  # (method, path) of API calls
    token_requests: list[str] = field(default_factory=list)
    failures: dict[str, list] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self):
        self._ids = itertools.count(1)
        self._valid_tokens: set[str] = set()
        self._lock = threading.Lock()
        #: set when a "hang" or "store_then_hang" request is in flight (after storing, for the latter)
        self.in_flight = threading.Event()
        self._released = threading.Event()

    # --- control ---------------------------------------------------------------------------------

    def start(self) -> str:
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        # a short poll: shutdown() waits for it (0.5 s by default, after every test)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return f"http://127.0.0.1:{self._server.server_port}"

    def stop(self) -> None:
        self.release()
        self._server.shutdown()
        self._thread.join(timeout=5)

    def fail(self, path_prefix: str, *failures) -> None:
        self.failures[path_prefix].extend(failures)

    def release(self) -> None:
        """Let the hanging requests answer (late: their callers gave up or were killed)."""
        self._released.set()

    def expire_tokens(self) -> None:
        self._valid_tokens.clear()

    def saves(self, kind: str) -> list[tuple[str, str]]:
        return [r for r in self.received if r == ("POST", f"/api/{kind}/save")]

    def add_person(self, *, nip: str, orang_id: str, **fields) -> dict:
        self.pns[nip] = {"id": orang_id, "nipBaru": nip, "kedudukanPnsNama": "Aktif", **fields}
        return self.pns[nip]

    # --- the service -----------------------------------------------------------------------------

    @Request.application
    def _app(self, request: Request) -> Response:
        path = request.path
        if path == "/oauth2/token":
            return self._apim_token(request)
        if path == "/sso/token":
            return self._sso_token(request)
        with self._lock:
            self.received.append((request.method, path))
        failure = self._take_failure(path)
        if failure == "timeout":
            time.sleep(self.client_timeout * 3)
            return _json({"success": False, "message": "late"}, 504)
        if failure == "hang":
            return self._hang(_json({"success": False, "message": "late"}, 504))
        if failure in (401, 429, 500):
            headers = {"Retry-After": "7"} if failure == 429 else {}
            return _json({"success": False, "message": f"injected {failure}"}, failure, headers)
        if isinstance(failure, tuple):
            _kind, bad_field, message = failure
            return _json({"success": False, "message": message, "field": bad_field}, 400)
        if not self._authorised(request):
            return _json({"success": False, "message": "Unauthorized"}, 401)
        response = self._route(request)
        if failure == "store_then_timeout":
            time.sleep(self.client_timeout * 3)
        if failure == "store_then_hang":
            return self._hang(response)
        return response

    def _hang(self, response: Response) -> Response:
        self.in_flight.set()
        self._released.wait(timeout=120)
        return response

    def _route(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")[1:]  # without "api"
        if request.method == "GET" and parts[:2] == ["pns", "data-utama"]:
            person = self.pns.get(parts[2])
            return _json({"code": 1, "data": person}) if person else _json({"code": 0, "data": None}, 404)
        if request.method == "GET" and parts == ["referensi", "ref-unor"]:
            return _json({"code": 1, "data": self.unors})
        if request.method == "GET" and parts[0] == "pns" and parts[1].startswith("rw-"):
            kind, nip = parts[1][3:], parts[2]
            person = self.pns.get(nip)
            if person is None:
                return _json({"code": 0, "data": None}, 404)
            rows = [
                r for r in self.riwayat[kind] if r.get(PERSON_KEYS.get(kind, "pnsOrangId")) == person["id"]
            ]
            return _json({"code": 1, "data": rows})
        if request.method == "POST" and len(parts) == 2 and parts[1] == "save" and parts[0] in SAVE_FIELDS:
            return self._save(parts[0], request)
        if request.method == "POST" and parts == ["upload-dok-rw"]:
            return self._upload(request)
        return _json({"success": False, "message": "no such endpoint"}, 404)

    def _save(self, kind: str, request: Request) -> Response:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _json({"success": False, "message": "body must be JSON"}, 400)
        for name, type_ in SAVE_FIELDS[kind].items():
            problem = _field_problem(body, name, type_)
            if problem:
                return _json({"success": False, "message": f"{name} {problem}", "field": name}, 400)
        if body[PERSON_KEYS[kind]] not in {p["id"] for p in self.pns.values()}:
            return _json(
                {"success": False, "message": "pns tidak ditemukan", "field": PERSON_KEYS[kind]}, 400
            )
        with self._lock:
            record = {**body, "id": f"{kind}-{next(self._ids)}"}
            self.riwayat[kind].append(record)
        return _json({"success": True, "message": "success", "mapData": {ID_KEYS[kind]: record["id"]}})

    def _upload(self, request: Request) -> Response:
        upload = request.files.get("file")
        riwayat_id = request.form.get("id_riwayat", "")
        ref = request.form.get("id_ref_dokumen", "")
        if upload is None or not ref:
            return _json({"success": False, "message": "file dan id_ref_dokumen wajib", "field": "file"}, 400)
        known = {r["id"] for rows in self.riwayat.values() for r in rows}
        if riwayat_id not in known:
            return _json(
                {"success": False, "message": "id_riwayat tidak dikenal", "field": "id_riwayat"}, 400
            )
        content = upload.read()
        self.documents.append({"id_riwayat": riwayat_id, "id_ref_dokumen": ref, "content": content})
        return _json({"success": True, "data": {"dok_uri": f"dok/{riwayat_id}.pdf"}})

    # --- tokens ----------------------------------------------------------------------------------

    def _issue(self, prefix: str) -> Response:
        token = f"{prefix}-{next(self._ids)}"
        self._valid_tokens.add(token)
        return _json({"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer"})

    def _apim_token(self, request: Request) -> Response:
        self.token_requests.append("apim")
        auth = request.authorization
        if request.form.get("grant_type") != "client_credentials" or not auth or auth.username != "key":
            return _json({"error": "invalid_client"}, 401)
        return self._issue("apim")

    def _sso_token(self, request: Request) -> Response:
        self.token_requests.append("sso")
        form = request.form
        if (
            form.get("grant_type") != "password"
            or form.get("username") != "operator"
            or not form.get("client_id")
        ):
            return _json({"error": "invalid_grant"}, 401)
        return self._issue("sso")

    def _authorised(self, request: Request) -> bool:
        apim = request.headers.get("Authorization", "").removeprefix("Bearer ")
        sso = request.headers.get("Auth", "").removeprefix("bearer ")
        return apim in self._valid_tokens and sso in self._valid_tokens

    def _take_failure(self, path: str):
        with self._lock:
            for prefix, queue in self.failures.items():
                if path.startswith(prefix) and queue:
                    return queue.pop(0)
        return None


def _field_problem(body: dict, name: str, type_: str) -> str:
    if name not in body:
        return "wajib diisi"
    value = body[name]
    if type_ == INT and (not isinstance(value, int) or isinstance(value, bool)):
        return "harus berupa bilangan bulat"
    if type_ in (STR, DATE) and not isinstance(value, str):
        return "harus berupa teks"
    if type_ == DATE:
        try:
            datetime.datetime.strptime(value, "%d-%m-%Y")
        except ValueError:
            return "harus bertanggal dd-mm-yyyy"
    return ""


def _json(body, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers or {}, content_type="application/json")
