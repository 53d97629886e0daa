/*
 * The reference for ingest throughput. It reads a capture file with libpcap's pcap_next_ex
 * and touches each packet as little as a reader can: it sums the captured lengths and reads
 * the first byte. Its time is libpcap's record parsing and the page cache, nothing else.
 *
 * Usage: bare_read FILE. Prints "packets captured_bytes checksum" on stdout so a run can be
 * checked against lantern's packet count. Exits 1 when the file cannot be opened or read.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s CAPTURE_FILE\n", argv[0]);
        return 2;
    }
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *handle = pcap_open_offline(argv[1], errbuf);
    if (handle == NULL) {
        fprintf(stderr, "bare_read: cannot open %s: %s\n", argv[1], errbuf);
        return 1;
    }

    struct pcap_pkthdr *header;
    const u_char *data;
    uint64_t packets = 0, captured = 0, checksum = 0;
    int code;
    while ((code = pcap_next_ex(handle, &header, &data)) == 1) {
        packets += 1;
        captured += header->caplen;
        /* Reading one byte keeps the loop honest: the packet's cache line is fetched, as a
         * decoder would fetch it. */
        if (header->caplen > 0) checksum += data[0];
    }
    if (code == PCAP_ERROR) {
        fprintf(stderr, "bare_read: read failed in %s after %llu packets: %s\n", argv[1],
                (unsigned long long)packets, pcap_geterr(handle));
        pcap_close(handle);
        return 1;
    }
    pcap_close(handle);
    printf("%llu %llu %llu\n", (unsigned long long)packets, (unsigned long long)captured,
           (unsigned long long)checksum);
    return 0;
}
