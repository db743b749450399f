package io.tickflow.webhook;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdsTest {

    /** Reference values of MurmurHash3 x64 128 (seed 0) as Guava's murmur3_128 gives them, each half most significant digit first. */
    @Test
    void hashesAsMurmurHash3X64With128Bits() {
        assertEquals("msg_00000000000000000000000000000000", MessageIds.of("msg_", ""));
        assertEquals("msg_85555565f6597889e6b53a48510e895a", MessageIds.of("msg_", "a"));
        assertEquals("msg_cbd8a7b341bd9b025b1e906a48ae1d19", MessageIds.of("msg_", "hello"));
        assertEquals("msg_4be06d94cf4ad1a787c35b5c63a708da", MessageIds.of("msg_", "0123456789abcdef"));
        assertEquals("msg_8e32612daa45f9de0800f4c206c372ee", MessageIds.of("msg_", "0123456789abcdefg"));
        assertEquals("body_d0fa56e396f64a105bd1b235a1ec0396", MessageIds.of("body_", "héllo wörld with more than thirty two bytes!!"));
    }

    @Test
    void aMessageIdIsTheSameOnEveryReadAndDiffersPerRecordAndSubscription() {
        String id = MessageStore.messageIdFor("sub_1", "tickers", 0, 41L);
        assertTrue(id.matches("msg_[0-9a-f]{32}"), id);
        assertEquals(id, MessageStore.messageIdFor("sub_1", "tickers", 0, 41L));
        Set<String> ids = new HashSet<>();
        for (int partition = 0; partition < 10; partition++) {
            for (long offset = 0; offset < 10_000; offset++) {
                ids.add(MessageStore.messageIdFor("sub_1", "tickers", partition, offset));
                ids.add(MessageStore.messageIdFor("sub_2", "tickers", partition, offset));
            }
        }
        assertEquals(200_000, ids.size());
    }
}
