/// The built-in signatures, compiled in so the binary needs no file at run time.
/// `text` is a copy of `Signatures/default.rules`; a test fails when the two differ.
enum DefaultSignatures {
    static let text = #"""
# Lantern malware signatures: scanning campaigns seen on darknets, one rule per line.
#
#   NAME  proto=tcp|udp|icmp  ports=LIST  [destinations=B]  [port-count=B]  [share=S]  [title="TEXT"]
#
#   NAME          identifier kept in the store and exports: a-z, 0-9, '.', '_', '-'.
#   proto         the protocol of the probes.
#   ports         destination ports, comma-separated, ranges as 8000-8010; for ICMP,
#                 TYPE/CODE pairs such as 8/0 (echo request).
#   destinations  TAP bucket of distinct destination addresses in one 30 s window:
#                 one, few, many (comma-separated) or any. Default any, because slow
#                 scanners reach one darknet address per window.
#   port-count    TAP bucket of distinct destination ports in the window; default any.
#   share         least share of the window's packets of that protocol that go to the
#                 ports, above 0 and at most 1; default 0.5.
#   title         name shown on screens; default NAME.
#
# A (host, window) pair matches when all fields hold; each match counts once for its
# source subnet and day. Add rules in your own file and pass it with --signatures FILE; a rule
# with the name of a rule here replaces it. Everything after "#" is a comment.

telnet-scan      proto=tcp  ports=23,2323        title="Telnet scan (Mirai family)"
ssh-scan         proto=tcp  ports=22             title="SSH brute-force scan"
smb-scan         proto=tcp  ports=445            title="SMB scan (WannaCry family)"
rdp-scan         proto=tcp  ports=3389           title="RDP scan"
mssql-scan       proto=tcp  ports=1433           title="MSSQL scan"
mysql-scan       proto=tcp  ports=3306           title="MySQL scan"
adb-scan         proto=tcp  ports=5555           title="Android Debug Bridge scan"
nas-5000-scan    proto=tcp  ports=5000           title="NAS admin scan on 5000/TCP (Synology DSM)"
redis-scan       proto=tcp  ports=6379           title="Redis scan"
http-alt-scan    proto=tcp  ports=8080,8000,81   title="HTTP-alt scan (IoT web panels)"
vnc-scan         proto=tcp  ports=5900-5901      title="VNC scan"
tr069-scan       proto=tcp  ports=7547           title="TR-069 router scan"
huawei-hg532     proto=tcp  ports=37215          title="Huawei HG532 exploit scan"
realtek-upnp     proto=tcp  ports=52869          title="Realtek UPnP exploit scan"
mikrotik-scan    proto=tcp  ports=8291           title="MikroTik Winbox scan"
docker-api-scan  proto=tcp  ports=2375-2376      title="Docker API scan"
elastic-scan     proto=tcp  ports=9200           title="Elasticsearch scan"
web-scan         proto=tcp  ports=80,443,8443    title="Web scan"
ssdp-probe       proto=udp  ports=1900           title="SSDP amplifier search"
memcached-probe  proto=udp  ports=11211          title="memcached amplifier search"
snmp-probe       proto=udp  ports=161            title="SNMP amplifier search"
ntp-probe        proto=udp  ports=123            title="NTP amplifier search"
dns-probe        proto=udp  ports=53             title="DNS open-resolver search"
icmp-sweep       proto=icmp ports=8/0            destinations=few,many  title="ICMP echo sweep"

"""#
}
