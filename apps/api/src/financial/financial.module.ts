import { Module } from '@nestjs/common';
import { ProgramsModule } from '../programs/programs.module';
import { CurrencyConverter } from './currency-converter';
import { FinancialController, InvoicesController } from './financial.controller';
import {
  BudgetRepository,
  ContractRepository,
  ExchangeRateRepository,
  ExpenseRepository,
  InvoiceRepository,
} from './financial.repository';
import { FinancialService } from './financial.service';
import {
  GenerateInvoiceUseCase,
  InvoicesService,
  IssueInvoiceUseCase,
  RecordPaymentUseCase,
} from './invoices.service';

/** Contracts, budgets (planned vs actual), expenses, dated exchange rates, invoices and payments. */
@Module({
  imports: [ProgramsModule],
  controllers: [FinancialController, InvoicesController],
  providers: [
    ExchangeRateRepository,
    ContractRepository,
    BudgetRepository,
    ExpenseRepository,
    InvoiceRepository,
    CurrencyConverter,
    FinancialService,
    InvoicesService,
    GenerateInvoiceUseCase,
    IssueInvoiceUseCase,
    RecordPaymentUseCase,
  ],
})
export class FinancialModule {}
