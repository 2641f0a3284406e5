import { Injectable } from '@nestjs/common';
import { AppException } from '@oversing/platform';
import { ExchangeRateRepository } from './financial.repository';
import { convert } from './money';

/** Converts amounts with the tenant's explicit dated exchange rates; a missing rate is a 422, never a guess. */
@Injectable()
export class CurrencyConverter {
  constructor(private readonly rates: ExchangeRateRepository) {}

  async convert(amountMinor: bigint, from: string, to: string, day: string, field: string): Promise<bigint> {
    if (from === to) return amountMinor;
    const rate = await this.rates.rateOn(from, to, day);
    if (!rate)
      throw AppException.unprocessable(`No exchange rate ${from}→${to} dated on or before ${day}`, [
        { field, message: `add an exchange rate between ${from} and ${to} valid on ${day}` },
      ]);
    return convert(amountMinor, from, to, rate);
  }
}
