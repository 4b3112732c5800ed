// R10: the characters of a read scored below the profile's recognition.confidenceThreshold are
// doubtful, so every screen that shows the read marks it for checking against the image. A read
// whose camera gave no score is not marked: there is nothing to compare, and the officer verifies
// every alert by sight anyway.
export const needsVerification = (confidence: number | null, threshold: number): boolean => confidence !== null && confidence < threshold;
